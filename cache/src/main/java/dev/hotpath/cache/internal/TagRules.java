package dev.hotpath.cache.internal;

import java.util.Collection;
import java.util.Objects;

/** Checks tag names and turns a key and its tags into the slots its entry depends on. */
final class TagRules {
  static final int MAX_TAGS = 32;
  static final int MAX_TAG_LENGTH = 256;

  private TagRules() {}

  static String requireValidTag(String tag) {
    Objects.requireNonNull(tag, "tag must not be null");
    if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
      throw new IllegalArgumentException(
          "tag must be 1 to " + MAX_TAG_LENGTH + " characters, was " + tag.length() + " long");
    }
    for (int i = 0; i < tag.length(); i++) {
      if (Character.isISOControl(tag.charAt(i))) {
        throw new IllegalArgumentException(
            "tag must not contain control characters, was \"" + tag.replaceAll("\\p{Cntrl}", "?") + "\"");
      }
    }
    return tag;
  }

  /** The whole-cache slot, the key's slot, then each distinct tag slot. */
  static int[] slotsOf(VersionTable table, String keyString, Collection<String> tags) {
    Objects.requireNonNull(tags, "tags must not be null");
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " tags per entry, was " + tags.size());
    }
    int[] slots = new int[2 + tags.size()];
    slots[0] = table.allSlot();
    slots[1] = table.keySlot(keyString);
    int n = 2;
    for (String tag : tags) {
      int slot = table.tagSlot(requireValidTag(tag));
      if (!contains(slots, n, slot)) {
        slots[n++] = slot;
      }
    }
    return n == slots.length ? slots : java.util.Arrays.copyOf(slots, n);
  }

  private static boolean contains(int[] slots, int n, int slot) {
    for (int i = 0; i < n; i++) {
      if (slots[i] == slot) {
        return true;
      }
    }
    return false;
  }
}
