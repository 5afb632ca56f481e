package dev.statickeys.samples.orders;

import java.time.Instant;

/**
 * An accepted order, as the service returns it (JSON by Spring's message converter).
 *
 * @param id the store's number for it, from 1
 * @param customer who orders
 * @param sku what is ordered
 * @param quantity how many
 * @param unitPriceCents the price of one, in cents
 * @param totalCents the price of the whole order, in cents
 * @param created when the store accepted it, ISO-8601
 */
record Order(long id, String customer, String sku, int quantity, long unitPriceCents, long totalCents,
        String created) {
    static Order of(long id, OrderRequest request, Instant created) {
        return new Order(id, request.customer(), request.sku(), request.quantity(), request.unitPriceCents(),
                request.totalCents(), created.toString());
    }
}
