package dev.statickeys.samples.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The expensive screening behind {@link ServiceKeys#VALIDATION}: catalogue patterns for the customer and
 * the SKU, a limit on the order's value, and a fingerprint of the order checked against a block list.
 * The fingerprint is a SHA-256 chain of {@link #ROUNDS} rounds, a stand-in for the signature checks or
 * schema validations that make real screening cost tens of microseconds per request. Thread-safe.
 */
final class OrderValidator {
    static final Pattern CUSTOMER = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    static final Pattern SKU = Pattern.compile("[A-Z]{3}-[0-9]{4}");
    static final long MAX_TOTAL_CENTS = 10_000_000;
    /** Chosen so that one check costs a few tens of microseconds once compiled (about 22 us measured here). */
    static final int ROUNDS = 300;

    private final Set<String> blockedFingerprints;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** A validator that refuses orders with one of these fingerprints (see {@link #fingerprint}). */
    OrderValidator(Set<String> blockedFingerprints) {
        this.blockedFingerprints = Set.copyOf(blockedFingerprints);
    }

    /** What is wrong with {@code request}; empty if it passes. */
    List<String> problems(OrderRequest request) {
        List<String> problems = new ArrayList<>();
        if (!CUSTOMER.matcher(request.customer()).matches()) {
            problems.add("customer \"" + request.customer() + "\" does not match " + CUSTOMER);
        }
        if (!SKU.matcher(request.sku()).matches()) {
            problems.add("sku \"" + request.sku() + "\" does not match " + SKU);
        }
        if (request.totalCents() > MAX_TOTAL_CENTS) {
            problems.add("total " + request.totalCents() + " cents exceeds " + MAX_TOTAL_CENTS);
        }
        if (blockedFingerprints.contains(fingerprint(request))) {
            problems.add("the order's fingerprint is blocked");
        }
        checked.incrementAndGet();
        if (!problems.isEmpty()) {
            rejected.incrementAndGet();
        }
        return problems;
    }

    /** The order's fingerprint: hex of a {@link #ROUNDS}-round SHA-256 chain over its canonical form. */
    static String fingerprint(OrderRequest request) {
        byte[] state = (request.customer() + '\n' + request.sku() + '\n' + request.quantity() + '\n'
                + request.unitPriceCents()).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        for (int round = 0; round < ROUNDS; round++) {
            state = sha256.digest(state);
        }
        return HexFormat.of().formatHex(state);
    }

    /** How many orders were screened. */
    long checked() {
        return checked.get();
    }

    /** How many screened orders were refused. */
    long rejected() {
        return rejected.get();
    }
}
