package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key's sites are, kept the way {@code kernel/jump_label.c} keeps it, in the key's own
 * {@code struct static_key}: while only the image defining a key has its sites, the union field holds
 * {@code entries | type} (the key's first entry in that image's sorted table, bit 0 the build-time value);
 * once another image (a module) has sites of it, the field holds a {@code struct static_key_mod} list
 * ({@code next}, {@code entries}, {@code mod}) with bit 1 set, newest module first and the defining image
 * last ({@code jump_label_add_module}); when a module goes and one node is left, it is folded back into the
 * key ({@code jump_label_del_module}). The list's order is also the order in which an update patches the
 * images ({@code __jump_label_mod_update}). Changed under the flip lock only.
 */
final class KeyEntries {
    /** One image's sites of a key: its first entry (0 if none) and, while linked, its list node (else 0). */
    record User(Image image, long entries, long node) {}

    private final Heap heap;
    /** By key struct address: the images with sites of it, in the kernel's list order. */
    private final Map<Long, List<User>> users = new LinkedHashMap<>();
    /** A stand-in {@code struct module} per module image, for the nodes' {@code mod} field. */
    private final Map<Image, Long> moduleObjects = new LinkedHashMap<>();

    KeyEntries(Heap heap) {
        this.heap = heap;
    }

    /**
     * Records {@code image}'s sites after its table was sorted: a key it defines points at its first entry,
     * a key defined elsewhere is linked to it.
     *
     * @param owners the image defining each key its entries name
     * @param module whether {@code image} is a module (its {@code mod} is a stand-in object, the kernel's NULL)
     */
    void add(Image image, Map<Long, Image> owners, boolean module) {
        if (module) {
            moduleObjects.put(image, heap.allocate());
        }
        for (Map.Entry<Long, Long> first : firstEntries(image).entrySet()) {
            long key = first.getKey();
            Image owner = owners.get(key);
            List<User> list = users.computeIfAbsent(key, k -> new ArrayList<>());
            if (owner == image) {
                list.add(new User(image, first.getValue(), 0));
            } else {
                if (list.isEmpty() || list.get(0).node() == 0) {
                    long ownEntries = list.isEmpty() ? 0 : list.get(0).entries();
                    list.clear();
                    list.add(node(owner, ownEntries, 0));
                }
                list.add(0, node(image, first.getValue(), list.get(0).node()));
            }
            write(owner, key);
        }
    }

    /** Drops {@code image}'s sites from every key it links to; keys it defines go with it. */
    void remove(Image image, Map<Long, Image> owners) {
        for (long key : firstEntries(image).keySet()) {
            Image owner = owners.get(key);
            List<User> list = users.get(key);
            if (owner == image || list == null) {
                users.remove(key);
                continue;
            }
            int at = indexOf(list, image);
            User gone = list.remove(at);
            heap.free(gone.node());
            if (at > 0) {
                User before = list.get(at - 1);
                heap.writeLong(before.node(), at < list.size() ? list.get(at).node() : 0);
            }
            if (list.size() == 1) {
                User last = list.get(0);
                heap.free(last.node());
                list.set(0, new User(last.image(), last.entries(), 0));
            }
            write(owner, key);
        }
        Long object = moduleObjects.remove(image);
        if (object != null) {
            heap.free(object);
        }
    }

    /** The images with sites of {@code key}, in the order an update patches them. */
    List<Image> imagesOf(long key) {
        List<Image> images = new ArrayList<>();
        users.getOrDefault(key, List.of()).forEach(user -> images.add(user.image()));
        return images;
    }

    private User node(Image image, long entries, long next) {
        long node = heap.allocate();
        heap.writeLong(node, next);
        heap.writeLong(node + 8, entries);
        heap.writeLong(node + 16, moduleObjects.getOrDefault(image, 0L));
        return new User(image, entries, node);
    }

    /** The key's union field: {@code entries | type}, or the list's head with bit 1; bit 0 is kept as built. */
    private void write(Image owner, long key) {
        List<User> list = users.getOrDefault(key, List.of());
        long type = owner.readLong(key + 8) & Image.TYPE_TRUE;
        long pointer = list.isEmpty() ? 0 : list.get(0).node() != 0 ? list.get(0).node() | Image.TYPE_LINKED
                : list.get(0).entries();
        owner.writeLong(key + 8, pointer | type);
    }

    private static int indexOf(List<User> list, Image image) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).image() == image) {
                return i;
            }
        }
        throw new IllegalStateException("no sites of this key were recorded for the image");
    }

    /** Each key's first entry in the image's sorted table, in table order. */
    private static Map<Long, Long> firstEntries(Image image) {
        Map<Long, Long> first = new LinkedHashMap<>();
        for (Image.JumpEntry entry : image.jumpEntries()) {
            first.putIfAbsent(entry.key, entry.entry);
        }
        return first;
    }
}
