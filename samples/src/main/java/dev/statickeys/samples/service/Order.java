package dev.statickeys.samples.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An accepted order.
 *
 * @param id the store's number for it, from 1
 * @param request what the client sent
 * @param created when the store accepted it
 */
record Order(long id, OrderRequest request, Instant created) {
    /** The order as the service returns it: the request's fields, its id, total and creation time. */
    String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("customer", request.customer());
        fields.put("sku", request.sku());
        fields.put("quantity", request.quantity());
        fields.put("unitPriceCents", request.unitPriceCents());
        fields.put("totalCents", request.totalCents());
        fields.put("created", created.toString());
        return FlatJson.format(fields);
    }
}
