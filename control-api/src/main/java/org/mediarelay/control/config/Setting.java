package org.mediarelay.control.config;

/** A key's value and where it came from (for error messages: "from --media.ports", "from mediarelay.yaml"). */
public record Setting(ConfigKey key, String value, String source) {
}
