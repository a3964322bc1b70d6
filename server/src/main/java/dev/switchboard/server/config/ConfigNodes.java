package dev.switchboard.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.server.origin.OriginPolicy;
import dev.switchboard.server.origin.OriginRule;

import io.helidon.config.Config;

/**
 * Helidon's configuration nodes read as Switchboard's keys: a value's text (never a section), a section's children,
 * and the values that the server's section and a protocol's block share.
 */
final class ConfigNodes {

    private ConfigNodes() {
    }

    // The compression section: enabled and threshold, each defaulting to the given settings.
    static CompressionSettings compression(Config node, String prefix, CompressionSettings defaults) {
        for (Config child : children(node)) {
            if (!Set.of("enabled", "threshold").contains(child.name())) {
                throw new ConfigError(prefix + child.name() + ": unknown key (known keys: enabled, threshold)");
            }
        }
        boolean enabled = text(node.get("enabled")).map(v -> ConfigValues.bool(prefix + "enabled", v))
                .orElse(defaults.enabled());
        int threshold = text(node.get("threshold")).map(v -> maxMessageBytes(prefix + "threshold", v))
                .orElse(defaults.thresholdBytes());
        return new CompressionSettings(enabled, threshold);
    }

    // Frames and messages are held in one array, whose length is an int.
    static int maxMessageBytes(String key, String text) {
        long bytes = ConfigValues.size(key, text);
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new ConfigError(key, text, "is over the 2 GiB limit");
        }
        return (int) bytes;
    }

    // A size a second, or 0 for no limit (a size is at least 1 byte).
    static long bytesPerSecond(String key, String text) {
        return text.trim().equals("0") ? 0 : ConfigValues.size(key, text);
    }

    // A YAML list, or one value of comma-separated entries (as an environment variable or -D gives it, which then
    // wins over a list in the file); an empty list is a list too: only the server's own origin.
    static Optional<OriginPolicy> originPolicy(Config node, String key) {
        if (!node.exists()) {
            return Optional.empty();
        }
        List<String> entries = new ArrayList<>();
        Optional<String> value = node.asString().asOptional();
        if (value.isPresent()) {
            entries.addAll(List.of(value.get().split(",")));
        } else {
            for (Config element : children(node)) {
                entries.add(text(element).orElse(""));
            }
        }
        List<OriginRule> rules = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                rules.add(OriginRule.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigError(key, entry.trim(), e.getMessage());
            }
        }
        return Optional.of(new OriginPolicy(key, rules));
    }

    static List<Config> children(Config node) {
        if (!node.exists() || node.isLeaf()) {
            return List.of();
        }
        return node.asNodeList().orElse(List.of());
    }

    static Optional<String> text(Config node) {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            throw new ConfigError(node.key() + ": expected a value, found a section (" + node.traverse()
                    .filter(Config::isLeaf).map(leaf -> leaf.key().toString()).findFirst().orElse("empty")
                    + " ...); an environment variable or system property may have added it");
        }
        return node.asString().asOptional().map(String::trim);
    }
}
