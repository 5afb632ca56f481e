package dev.statickeys.x86;

import dev.statickeys.internal.core.JumpLabels;
import dev.statickeys.internal.core.KeyControl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small simulated kernel: the linked image booted on a {@link Machine}, its keys on the generic core
 * (the same {@link JumpLabels} and key state machine as the JVM side, with {@link X86JumpLabel} as the
 * architecture), LOCK-prefix patching for the number of CPUs online, modules loaded and unloaded at run
 * time, and simulated CPUs running its code.
 *
 * <pre>{@code
 * Kernel kernel = Kernel.boot(List.of(core, net), 1, SmpLocks.UpByte.DS); // uniprocessor: F0 -> 3E
 * kernel.cpuUp();                                                          // second CPU: 3E -> F0
 * kernel.startCpu("core.worker", 0);
 * kernel.keys().enable("tracing");                                        // INT3-patched while it runs
 * }</pre>
 */
public final class Kernel {
    /**
     * Where x86-64 modules are mapped with KASLR, the usual configuration ({@code MODULES_VADDR}, in
     * {@code arch/x86/include/asm/pgtable_64_types.h}, follows the 1 GB the randomized kernel image may use).
     */
    public static final long MODULES_BASE = 0xffffffffc0000000L;
    /** {@code MODULES_VADDR} without KASLR ({@code CONFIG_RANDOMIZE_BASE=n}): right after the 512 MB kernel image. */
    public static final long MODULES_BASE_NO_KASLR = 0xffffffffa0000000L;
    private static final long MODULE_SPACING = 0x100000;
    private static final long JOIN_MILLIS = 10_000;
    private static final int CALL_STEPS = 1_000_000;

    private final Machine machine = new Machine();
    private final Heap heap = new Heap();
    private final X86JumpLabel arch = new X86JumpLabel(machine, heap);
    private final KeyControl keys = new KeyControl(new JumpLabels(arch));
    private final Image image;
    private final SmpLocks.UpByte upByte;
    private final Map<String, Image> modules = new LinkedHashMap<>();
    private final List<Cpu> cpus = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private int onlineCpus;
    private long nextModule;

    private Kernel(Image image, int cpus, SmpLocks.UpByte upByte, long modulesBase) {
        this.image = image;
        this.upByte = upByte;
        this.onlineCpus = cpus;
        this.nextModule = modulesBase;
    }

    /**
     * Links {@code objects} at {@link Linker#KERNEL_BASE} and boots: every key is registered with its
     * build-time value, and with one CPU every {@code .smp_locks} site is unlocked
     * ({@code alternatives_smp_unlock}).
     *
     * @param cpus CPUs online at boot, at least 1
     * @param upByte what replaces LOCK on a uniprocessor
     */
    public static Kernel boot(List<ObjectFile> objects, int cpus, SmpLocks.UpByte upByte) {
        return boot(Linker.link(objects, Linker.KERNEL_BASE), cpus, upByte, MODULES_BASE);
    }

    /**
     * Boots an image linked elsewhere ({@link Linker}, or GNU ld through {@link ElfImage}), with modules
     * mapped from {@code modulesBase} ({@link #MODULES_BASE} or {@link #MODULES_BASE_NO_KASLR}).
     *
     * @throws IllegalArgumentException if {@code cpus} is below 1, or a {@code __jump_table} entry names a key
     *         struct the image does not define
     */
    public static Kernel boot(Image image, int cpus, SmpLocks.UpByte upByte, long modulesBase) {
        if (cpus < 1) {
            throw new IllegalArgumentException("boot with " + cpus + " CPUs; expected at least 1");
        }
        X86JumpLabel.checkKeys(image, image.keys);
        Kernel kernel = new Kernel(image, cpus, upByte, modulesBase);
        kernel.start();
        return kernel;
    }

    /** {@code start_kernel} as far as patching goes: {@code jump_label_init}, then {@code alternative_instructions}. */
    private void start() {
        machine.map(image);
        register(image);
        withLock(() -> arch.add(image, null, keys.core().keys(), true));
        if (onlineCpus == 1) {
            SmpLocks.unlock(image, upByte);
        }
    }

    public Image image() {
        return image;
    }

    public Machine machine() {
        return machine;
    }

    /** Enable, disable, increment, decrement, batches and deferred decrements of the kernel's keys. */
    public KeyControl keys() {
        return keys;
    }

    public int onlineCpus() {
        return onlineCpus;
    }

    /**
     * Brings one more CPU online. Going from one CPU to two relocks every {@code .smp_locks} site of the
     * kernel and of every module ({@code alternatives_smp_switch} to SMP); the kernel never goes back.
     */
    public void cpuUp() {
        withLock(() -> {
            if (onlineCpus == 1) {
                SmpLocks.lock(image, upByte);
                modules.values().forEach(module -> SmpLocks.lock(module, upByte));
            }
            onlineCpus++;
        });
    }

    /**
     * Loads a module ({@code jump_label_add_module}): links {@code objects} at the next module address
     * against the keys of the kernel and of loaded modules, registers the keys it defines, patches every site
     * of a key defined elsewhere whose state is not its build-time value, one INT3 batch per key (the system
     * has booted), and unlocks its LOCK prefixes if only one CPU is online.
     *
     * @throws IllegalArgumentException if a module of that name is loaded, a site uses a key defined
     *         nowhere, or the module defines a key that is already defined
     */
    public Image loadModule(String name, List<ObjectFile> objects) {
        ReentrantLock lock = keys.core().lock();
        lock.lock();
        try {
            if (modules.containsKey(name)) {
                throw new IllegalArgumentException("module " + name + " is already loaded");
            }
            Map<String, Long> known = arch.keyAddresses();
            for (ObjectFile object : objects) {
                for (String key : object.keys.keySet()) {
                    if (known.containsKey(key)) {
                        throw new IllegalArgumentException("module " + name + ": object " + object.name + " defines key "
                                + key + ", which " + definer(known.get(key)) + " already defines");
                    }
                }
            }
            Image module = Linker.link(objects, nextModule, known);
            Map<String, Long> usable = new LinkedHashMap<>(known);
            usable.putAll(module.keys);
            X86JumpLabel.checkKeys(module, usable);
            nextModule += (module.end() - module.base + MODULE_SPACING - 1) / MODULE_SPACING * MODULE_SPACING;
            machine.map(module);
            register(module);
            arch.add(module, name, keys.core().keys(), false);
            if (onlineCpus == 1) {
                SmpLocks.unlock(module, upByte);
            }
            modules.put(name, module);
            return module;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unloads a module: its sites are dropped from every later update and the keys it defines are
     * forgotten. No CPU may be running its code (the kernel's module refcount); the simulation does not
     * check that.
     *
     * @throws IllegalArgumentException if no module of that name is loaded
     * @throws IllegalStateException if another loaded module has sites of a key this one defines
     */
    public void unloadModule(String name) {
        withLock(() -> {
            Image module = modules.get(name);
            if (module == null) {
                throw new IllegalArgumentException("no module " + name + " is loaded; loaded: " + modules.keySet());
            }
            Image user = arch.userOfKeysOf(module);
            if (user != null) {
                throw new IllegalStateException("module " + name + " is in use: " + nameOf(user)
                        + " has sites of keys it defines");
            }
            modules.remove(name);
            arch.remove(module);
            machine.unmap(module);
            module.keys.forEach((key, address) -> {
                keys.forget(key);
                module.unbindCount(address);
            });
        });
    }

    /** Loaded modules by name, in load order. */
    public Map<String, Image> modules() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** How live text is written by later flips: {@link TextPoke.Protocol#INT3} unless changed (tests). */
    public void protocol(TextPoke.Protocol protocol) {
        withLock(() -> arch.protocol(protocol));
    }

    /**
     * How many INT3 batches an update writes: {@link Batching#PER_KEY} (the kernel's: one per key and image)
     * unless changed to {@link Batching#ONE_BATCH} (ours: one for every key and image of the update).
     */
    public void batching(Batching batching) {
        withLock(() -> arch.batching(batching));
    }

    /** The simulated heap holding the {@code struct static_key_mod} lists of keys used by modules. */
    public Heap heap() {
        return heap;
    }

    /**
     * Starts a simulated CPU on its own thread at {@code entrySymbol} ({@code object.symbol}), with
     * {@code %rdi}/{@code %rsi} pointing at {@link Machine#DATA_BASE} + {@code dataOffset}.
     *
     * @throws IllegalStateException if as many CPUs run as are online
     * @throws IllegalArgumentException if the symbol is unknown
     */
    public synchronized Cpu startCpu(String entrySymbol, int dataOffset) {
        Long entry = image.symbols.get(entrySymbol);
        if (entry == null) {
            throw new IllegalArgumentException("no symbol " + entrySymbol + "; symbols: " + image.symbols.keySet());
        }
        if (cpus.size() >= onlineCpus) {
            throw new IllegalStateException("cpu" + cpus.size() + " is offline (" + onlineCpus
                    + " online); call cpuUp() first");
        }
        if (dataOffset < 0 || dataOffset > Machine.DATA_SIZE - 64) {
            throw new IllegalArgumentException("data offset " + dataOffset + "; expected 0 to " + (Machine.DATA_SIZE - 64));
        }
        Cpu cpu = new Cpu(cpus.size(), machine, entry, Machine.DATA_BASE + dataOffset);
        Thread thread = new Thread(cpu, "cpu" + cpu.id);
        thread.setDaemon(true);
        cpus.add(cpu);
        threads.add(thread);
        thread.start();
        while (!cpu.running() && thread.isAlive()) {
            Thread.yield();
        }
        return cpu;
    }

    /**
     * Calls a function ({@code object.symbol} in the kernel or a loaded module) on a CPU of its own in the
     * caller's thread, and returns {@code %rax}.
     */
    public long call(String symbol) {
        Long function = image.symbols.get(symbol);
        for (Image module : modules.values()) {
            function = function != null ? function : module.symbols.get(symbol);
        }
        if (function == null) {
            throw new IllegalArgumentException("no symbol " + symbol + " in the kernel or a loaded module");
        }
        return new Cpu(0, machine, function, Machine.DATA_BASE).call(function, CALL_STEPS);
    }

    /** Stops every running CPU and waits for its thread. */
    public synchronized void stopCpus() throws InterruptedException {
        cpus.forEach(Cpu::stop);
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_MILLIS + " ms");
            }
        }
        cpus.clear();
        threads.clear();
    }

    /** Defines the image's keys at their build-time values (bit 0 of {@code type}); their counts live in its data. */
    private void register(Image linked) {
        linked.keys.forEach((name, address) -> {
            keys.core().keys().define(name, (linked.readLong(address + 8) & Image.TYPE_TRUE) != 0, true);
            linked.bindCount(address, keys.core().keys().get(name).reader());
        });
    }

    /** Which image defines the key struct at {@code keyAddress}: "the kernel" or "module <name>". */
    private String definer(long keyAddress) {
        for (Map.Entry<String, Image> loaded : modules.entrySet()) {
            if (loaded.getValue().keys.containsValue(keyAddress)) {
                return "module " + loaded.getKey();
            }
        }
        return "the kernel";
    }

    private String nameOf(Image module) {
        for (Map.Entry<String, Image> loaded : modules.entrySet()) {
            if (loaded.getValue() == module) {
                return "module " + loaded.getKey();
            }
        }
        return "the kernel";
    }

    private void withLock(Runnable action) {
        ReentrantLock lock = keys.core().lock();
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
