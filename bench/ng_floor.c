/*
 * ng_floor: the least any ng relay can take on this machine. It answers every ng datagram "<cookie> <body>" at once
 * with "<cookie> d6:result2:oke" from the socket it came in on, and does nothing else: what the load client then
 * measures is the loopback round trip and the waking of its threads, which every relay pays too.
 *
 *   ng_floor PORT SECONDS      listens on 127.0.0.1:PORT, exits after SECONDS
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static const char REPLY[] = " d6:result2:oke";

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ng_floor PORT SECONDS\n");
        return 2;
    }
    int port = atoi(argv[1]);
    time_t end = time(NULL) + atoi(argv[2]);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = {
        .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("ng_floor: bind");
        return 1;
    }
    struct timeval wait = {.tv_sec = 1}; /* so that the time limit is checked while nothing arrives */
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    char in[65536], out[128 + sizeof REPLY];
    while (time(NULL) < end) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(s, in, sizeof in, 0, (struct sockaddr *)&from, &len);
        if (n <= 0) {
            continue;
        }
        char *space = memchr(in, ' ', n);
        if (space == NULL || space - in > 128) {
            continue; /* not ng: no cookie to echo */
        }
        size_t cookie = space - in;
        memcpy(out, in, cookie);
        memcpy(out + cookie, REPLY, sizeof REPLY - 1);
        sendto(s, out, cookie + sizeof REPLY - 1, 0, (struct sockaddr *)&from, len);
    }
    return 0;
}
