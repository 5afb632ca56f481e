package dev.statickeys.samples.orders;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The service's orders, in memory. Thread-safe. */
final class OrderStore {
    private final ConcurrentHashMap<Long, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    /** Stores {@code request} as a new order with the next id. */
    Order add(OrderRequest request) {
        Order order = Order.of(lastId.incrementAndGet(), request, Instant.now());
        orders.put(order.id(), order);
        return order;
    }

    Optional<Order> get(long id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** How many orders were stored. */
    long size() {
        return lastId.get();
    }
}
