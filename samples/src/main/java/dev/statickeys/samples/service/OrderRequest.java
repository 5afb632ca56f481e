package dev.statickeys.samples.service;

import java.util.Map;

/**
 * A new order as a client sends it: {@code {"customer":"alice","sku":"ABC-1234","quantity":2,"unitPriceCents":1999}}.
 * {@link #parse} does only the cheap checks every order needs; the expensive screening is
 * {@link OrderValidator}, behind {@link ServiceKeys#VALIDATION}.
 *
 * @param customer who orders
 * @param sku what is ordered
 * @param quantity how many, 1 to {@value #MAX_QUANTITY}
 * @param unitPriceCents the price of one, in cents, not negative
 */
record OrderRequest(String customer, String sku, int quantity, long unitPriceCents) {
    static final int MAX_QUANTITY = 1000;

    /**
     * Reads an order from its JSON text.
     *
     * @throws IllegalArgumentException naming the field, for malformed JSON, a missing field or a value
     *         out of range
     */
    static OrderRequest parse(String json) {
        Map<String, String> fields = FlatJson.parse(json);
        String customer = required(fields, "customer");
        String sku = required(fields, "sku");
        int quantity = (int) number(fields, "quantity", 1, MAX_QUANTITY);
        long unitPriceCents = number(fields, "unitPriceCents", 0, Long.MAX_VALUE / MAX_QUANTITY);
        return new OrderRequest(customer, sku, quantity, unitPriceCents);
    }

    /** The price of the whole order, in cents. */
    long totalCents() {
        return quantity * unitPriceCents;
    }

    /** The JSON text {@link #parse} reads. */
    String toJson() {
        return FlatJson.format(Map.of("customer", customer, "sku", sku, "quantity", quantity,
                "unitPriceCents", unitPriceCents));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("order: field \"" + name + "\" is missing or empty");
        }
        return value;
    }

    private static long number(Map<String, String> fields, String name, long min, long max) {
        String text = required(fields, name);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("order: field \"" + name + "\" is not a whole number: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("order: field \"" + name + "\" is " + value + "; expected " + min
                    + " to " + max);
        }
        return value;
    }
}
