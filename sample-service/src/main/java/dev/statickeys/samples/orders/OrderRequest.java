package dev.statickeys.samples.orders;

/**
 * A new order as a client sends it: {@code {"customer":"alice","sku":"ABC-1234","quantity":2,"unitPriceCents":1999}}.
 * {@link #check} does only the cheap checks every order needs; the expensive screening is
 * {@link OrderValidator}, behind {@link ServiceKeys#VALIDATION}. Fields are boxed so that a missing one is
 * told apart from zero.
 *
 * @param customer who orders
 * @param sku what is ordered
 * @param quantity how many, 1 to {@value #MAX_QUANTITY}
 * @param unitPriceCents the price of one, in cents, not negative
 */
record OrderRequest(String customer, String sku, Integer quantity, Long unitPriceCents) {
    static final int MAX_QUANTITY = 1000;
    static final long MAX_UNIT_PRICE_CENTS = Long.MAX_VALUE / MAX_QUANTITY;

    /**
     * @throws IllegalArgumentException naming the field, for a missing field or a value out of range
     */
    void check() {
        required("customer", customer);
        required("sku", sku);
        range("quantity", quantity, 1, MAX_QUANTITY);
        range("unitPriceCents", unitPriceCents, 0, MAX_UNIT_PRICE_CENTS);
    }

    /** The price of the whole order, in cents; after {@link #check}. */
    long totalCents() {
        return quantity * unitPriceCents;
    }

    private static void required(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("order: field \"" + name + "\" is missing or empty");
        }
    }

    private static void range(String name, Number value, long min, long max) {
        required(name, value);
        if (value.longValue() < min || value.longValue() > max) {
            throw new IllegalArgumentException("order: field \"" + name + "\" is " + value + "; expected " + min
                    + " to " + max);
        }
    }
}
