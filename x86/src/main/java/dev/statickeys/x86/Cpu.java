package dev.statickeys.x86;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated CPU: fetches instruction bytes from the image, decodes them with {@link Disassembler} and
 * executes the subset. It takes the machine's sync at instruction boundaries, traps on {@code int3}
 * (the kernel's handler emulates the instruction a live patch is writing), and is instrumented: every
 * fetch at a static branch site is a <em>site pass</em>, and a fetch there whose bytes are neither the
 * site's NOP nor its JMP (nor {@code int3}) is a <em>torn</em> decode. A torn decode, or anything else it
 * cannot execute, is a fault: the CPU counts it and restarts at its entry point, as a kernel would kill
 * the task and go on.
 *
 * <p>Registers at entry: {@code %rdi} and {@code %rsi} hold {@link Machine#DATA_BASE} plus the CPU's
 * data offset, {@code %rsp} the top of its own stack.
 */
public final class Cpu implements Runnable {
    /** The longest x86 instruction. */
    private static final int MAX_LENGTH = 15;
    private static final int TORN_SAMPLES = 5;

    public final int id;
    private final Machine machine;
    private final long entry;
    private final long dataPointer;
    private final byte[] stack = new byte[Machine.STACK_SIZE];
    private final long stackBase;
    private final long[] regs = new long[16];
    private long rip;
    private boolean zf;
    private boolean sf;
    private boolean cf;
    private boolean of;
    private final byte[] fetched = new byte[MAX_LENGTH];
    private final Map<Long, Decoded> decoded = new HashMap<>();
    private volatile boolean running;
    private volatile long acknowledged;
    // Counters, written by the CPU's own thread, read once it has stopped.
    private long instructions;
    private long sitePasses;
    private long traps;
    private volatile long torn; // volatile: polled by tests while the CPU runs (single writer)
    private long faults;
    private final List<String> faultSamples = new ArrayList<>();

    private record Decoded(byte[] bytes, Instruction instruction) {}

    Cpu(int id, Machine machine, long entry, long dataPointer) {
        this.id = id;
        this.machine = machine;
        this.entry = entry;
        this.dataPointer = dataPointer;
        this.stackBase = Machine.STACK_BASE + (long) id * 0x10000;
        reset();
    }

    private void reset() {
        Arrays.fill(regs, 0);
        regs[Reg.RDI.number()] = dataPointer;
        regs[Reg.RSI.number()] = dataPointer;
        regs[Reg.RSP.number()] = stackBase + Machine.STACK_SIZE;
        rip = entry;
    }

    /** The return address {@link #call} pushes: no image is mapped there. */
    private static final long RETURN_TO_CALLER = 0;

    /**
     * Calls {@code function} on this CPU in the caller's thread and runs it until it returns
     * ({@code %rax} is its result). For a CPU that is not running on its own thread.
     *
     * @throws IllegalStateException if the function faults or does not return within {@code maxSteps}
     */
    public long call(long function, int maxSteps) {
        long faultsBefore = faults;
        regs[Reg.RSP.number()] = stackBase + Machine.STACK_SIZE;
        push(RETURN_TO_CALLER);
        rip = function;
        for (int i = 0; i < maxSteps && rip != RETURN_TO_CALLER; i++) {
            step();
            if (faults != faultsBefore) {
                throw new IllegalStateException("call of " + machine.symbolize(function) + " faulted: "
                        + faultSamples.get(faultSamples.size() - 1));
            }
        }
        if (rip != RETURN_TO_CALLER) {
            throw new IllegalStateException("call of " + machine.symbolize(function) + " did not return within "
                    + maxSteps + " instructions");
        }
        return regs[Reg.RAX.number()];
    }

    /** Runs until {@link #stop()}; joins the machine's syncs meanwhile. */
    @Override
    public void run() {
        // Online before running: a sync from now on either waits for this CPU or comes before its first fetch.
        acknowledged = machine.syncGeneration();
        machine.online(this);
        running = true;
        try {
            while (running) {
                step();
            }
        } finally {
            running = false; // a sync never waits for a CPU whose thread has ended
            machine.offline(this);
        }
    }

    public void stop() {
        running = false;
    }

    boolean running() {
        return running;
    }

    long acknowledged() {
        return acknowledged;
    }

    /** Executes one instruction (an instruction boundary comes first: a pending sync is taken there). */
    public void step() {
        long generation = machine.syncGeneration();
        if (acknowledged != generation) {
            acknowledged = generation;
        }
        long pc = rip;
        try {
            Instruction instruction = fetch(pc);
            instructions++;
            Machine.Site site = machine.siteAt(pc);
            if (site != null) {
                sitePasses++;
                if (instruction.opcode != Encodings.INT3 && !site.holds(fetched)) {
                    torn++;
                    throw new Machine.CpuFault("torn decode at " + machine.symbolize(pc) + ": "
                            + Hex.bytes(fetched, 0, site.nop().length) + " is neither " + Hex.bytes(site.nop()) + " nor "
                            + Hex.bytes(site.jump()));
                }
            }
            execute(instruction);
        } catch (RuntimeException e) { // CpuFault, and anything else the simulation cannot execute
            faults++;
            if (faultSamples.size() < TORN_SAMPLES) {
                faultSamples.add("cpu" + id + ": " + e.getMessage());
            }
            reset();
        }
    }

    /** Reads the instruction bytes at {@code pc} (each from memory) and decodes them. */
    private Instruction fetch(long pc) {
        Image image = machine.imageAt(pc);
        if (image == null || !image.inText(pc)) {
            throw new Machine.CpuFault("instruction fetch outside the text at 0x" + Long.toHexString(pc));
        }
        int available = (int) Math.min(MAX_LENGTH, image.end() - pc);
        for (int i = 0; i < available; i++) {
            fetched[i] = (byte) image.fetch(pc + i);
        }
        Arrays.fill(fetched, available, MAX_LENGTH, (byte) Encodings.INT3);
        Decoded cached = decoded.get(pc);
        if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, fetched, 0, cached.bytes.length)) {
            return cached.instruction;
        }
        Instruction instruction = Disassembler.decode(fetched, 0, pc);
        decoded.put(pc, new Decoded(Arrays.copyOf(fetched, instruction.length), instruction));
        return instruction;
    }

    private void execute(Instruction in) {
        long next = in.address + in.length;
        int op = in.opcode;
        switch (op) {
            case 0x90, 0x0F1F -> rip = next; // nop, xchg %ax,%ax, nopl
            case 0xC3 -> rip = pop();
            case 0xCC -> trap(in.address);
            case 0xEB, 0xE9 -> rip = in.target;
            case 0xE8 -> {
                push(next);
                rip = in.target;
            }
            case 0xFF -> {
                rmw(in, 1, false);
                rip = next;
            }
            case 0x81, 0x83 -> {
                if (in.reg == 0) {
                    if (in.memory != null) {
                        rmw(in, in.immediate, true);
                    } else {
                        setReg(in.rm, in.bits, arithmetic(reg(in.rm, in.bits), in.immediate, in.bits, false));
                    }
                } else {
                    arithmetic(operand(in), in.immediate, in.bits, true);
                }
                rip = next;
            }
            case 0x01 -> {
                long sum = arithmetic(operand(in), reg(in.reg, in.bits), in.bits, false);
                writeOperand(in, sum);
                rip = next;
            }
            case 0x39 -> {
                arithmetic(operand(in), reg(in.reg, in.bits), in.bits, true);
                rip = next;
            }
            case 0x85, 0x31 -> {
                long result = op == 0x85 ? operand(in) & reg(in.reg, in.bits) : operand(in) ^ reg(in.reg, in.bits);
                logicFlags(result, in.bits);
                if (op == 0x31) {
                    writeOperand(in, result);
                }
                rip = next;
            }
            case 0x89 -> {
                writeOperand(in, reg(in.reg, in.bits));
                rip = next;
            }
            case 0x8B -> {
                setReg(in.reg, in.bits, operand(in));
                rip = next;
            }
            case 0x0FC1 -> {
                xadd(in);
                rip = next;
            }
            case 0x0FB1 -> {
                cmpxchg(in);
                rip = next;
            }
            default -> {
                if (op >= 0xB8 && op <= 0xBF) {
                    setReg(in.rm, 32, in.immediate);
                    rip = next;
                } else if (op >= 0x50 && op <= 0x57) {
                    push(regs[in.rm]);
                    rip = next;
                } else if (op >= 0x58 && op <= 0x5F) {
                    regs[in.rm] = pop();
                    rip = next;
                } else if (op >= 0x70 && op <= 0x7F || op >= 0x0F80 && op <= 0x0F8F) {
                    rip = condition(op & 15) ? in.target : next;
                } else {
                    throw new Machine.CpuFault("invalid opcode at " + machine.symbolize(in.address) + ": " + in.text);
                }
            }
        }
    }

    /** The {@code int3} trap: the kernel's handler emulates the instruction being patched in, if any. */
    private void trap(long address) {
        traps++;
        long resume = machine.textPoke().emulate(address);
        if (resume == TextPoke.NOT_OURS) {
            throw new Machine.CpuFault("int3 at " + machine.symbolize(address) + " with no text patch in progress");
        }
        rip = resume;
    }

    // ---- operands ----

    private long address(Instruction.Memory memory, long next) {
        long base = memory.base < 0 ? next : regs[memory.base];
        long index = memory.index < 0 ? 0 : regs[memory.index] * memory.scale;
        return base + index + memory.disp;
    }

    private long operand(Instruction in) {
        if (in.memory == null) {
            return reg(in.rm, in.bits);
        }
        return Machine.mask(machine.load(address(in.memory, in.address + in.length), in.bits), in.bits);
    }

    private void writeOperand(Instruction in, long value) {
        if (in.memory == null) {
            setReg(in.rm, in.bits, value);
        } else {
            machine.store(address(in.memory, in.address + in.length), in.bits, Machine.mask(value, in.bits));
        }
    }

    /** {@code inc} or {@code add $imm} on a memory operand; {@code inc} leaves CF alone. */
    private void rmw(Instruction in, long addend, boolean setCarry) {
        long old = fetchAndAdd(in, addend);
        boolean carry = cf;
        arithmetic(old, addend, in.bits, false);
        if (!setCarry) {
            cf = carry;
        }
    }

    private void xadd(Instruction in) {
        long addend = reg(in.reg, in.bits);
        long old = fetchAndAdd(in, addend);
        arithmetic(old, addend, in.bits, false);
        setReg(in.reg, in.bits, old);
    }

    /**
     * Adds {@code addend} to the memory operand and returns the old value: one atomic step with a LOCK
     * prefix, two separate accesses without one (so a DS prefix or a NOP'd lock loses updates between CPUs).
     */
    private long fetchAndAdd(Instruction in, long addend) {
        long address = address(in.memory, in.address + in.length);
        long old;
        if (in.prefix == Encodings.LOCK) {
            do {
                old = machine.load(address, in.bits);
            } while (!machine.compareAndSet(address, in.bits, old, Machine.mask(old + addend, in.bits)));
        } else {
            old = machine.load(address, in.bits);
            machine.store(address, in.bits, Machine.mask(old + addend, in.bits));
        }
        return old;
    }

    private void cmpxchg(Instruction in) {
        long address = address(in.memory, in.address + in.length);
        long expected = reg(Reg.RAX.number(), in.bits);
        long value = reg(in.reg, in.bits);
        long current;
        boolean swapped;
        if (in.prefix == Encodings.LOCK) {
            swapped = machine.compareAndSet(address, in.bits, expected, value);
            current = swapped ? expected : machine.load(address, in.bits);
        } else {
            current = machine.load(address, in.bits);
            swapped = current == expected;
            if (swapped) {
                machine.store(address, in.bits, value);
            }
        }
        arithmetic(expected, current, in.bits, true);
        if (!swapped) {
            setReg(Reg.RAX.number(), in.bits, current);
        }
    }

    // ---- arithmetic and flags ----

    /** {@code a + b}, or {@code a - b} when {@code subtract} (cmp), setting ZF, SF, CF and OF at the width. */
    private long arithmetic(long a, long b, int bits, boolean subtract) {
        a = Machine.mask(a, bits);
        b = Machine.mask(b, bits);
        long result = Machine.mask(subtract ? a - b : a + b, bits);
        long sign = 1L << (bits - 1);
        zf = result == 0;
        sf = (result & sign) != 0;
        if (subtract) {
            cf = Long.compareUnsigned(a, b) < 0;
            of = ((a ^ b) & (a ^ result) & sign) != 0;
        } else {
            cf = Long.compareUnsigned(result, a) < 0;
            of = (~(a ^ b) & (a ^ result) & sign) != 0;
        }
        return result;
    }

    private void logicFlags(long result, int bits) {
        result = Machine.mask(result, bits);
        zf = result == 0;
        sf = (result & 1L << (bits - 1)) != 0;
        cf = false;
        of = false;
    }

    /** The condition of a jcc by its code (the order of {@link Encodings#CONDITIONS}). */
    private boolean condition(int code) {
        boolean value = switch (code >> 1) {
            case 0 -> of;
            case 1 -> cf;
            case 2 -> zf;
            case 3 -> cf || zf;
            case 4 -> sf;
            case 5 -> throw new Machine.CpuFault("parity flag not simulated");
            case 6 -> sf != of;
            default -> zf || sf != of;
        };
        return (code & 1) == 0 ? value : !value;
    }

    private long reg(int number, int bits) {
        return Machine.mask(regs[number], bits);
    }

    /** A 32-bit write zero-extends into the whole register; a 16-bit write keeps the upper bits. */
    private void setReg(int number, int bits, long value) {
        regs[number] = bits == 16 ? regs[number] & ~0xFFFFL | value & 0xFFFF : Machine.mask(value, bits);
    }

    // ---- stack ----

    private void push(long value) {
        long sp = regs[Reg.RSP.number()] - 8;
        int at = stackIndex(sp);
        for (int i = 0; i < 8; i++) {
            stack[at + i] = (byte) (value >> 8 * i);
        }
        regs[Reg.RSP.number()] = sp;
    }

    private long pop() {
        long sp = regs[Reg.RSP.number()];
        int at = stackIndex(sp);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (stack[at + i] & 0xFFL) << 8 * i;
        }
        regs[Reg.RSP.number()] = sp + 8;
        return value;
    }

    private int stackIndex(long sp) {
        long at = sp - stackBase;
        if (at < 0 || at > Machine.STACK_SIZE - 8) {
            throw new Machine.CpuFault("stack " + (at < 0 ? "overflow" : "underflow") + " at 0x" + Long.toHexString(sp));
        }
        return (int) at;
    }

    // ---- statistics ----

    public long instructions() {
        return instructions;
    }

    public long sitePasses() {
        return sitePasses;
    }

    public long traps() {
        return traps;
    }

    public long torn() {
        return torn;
    }

    public long faults() {
        return faults;
    }

    /** The first few faults, each with what the CPU saw. */
    public List<String> faultSamples() {
        return List.copyOf(faultSamples);
    }

    /** A register's value, for tests that run a CPU step by step. */
    public long register(Reg reg) {
        return regs[reg.number()];
    }

    public long rip() {
        return rip;
    }
}
