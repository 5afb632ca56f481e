package dev.statickeys.samples.service;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives a fixed number of requests at the service from a few threads and times each one: three in four
 * create an order ({@code POST /orders}), the fourth reads back the order its thread created last. Every
 * order it sends is valid, so any status other than 201/200 is a failure.
 */
final class LoadDriver {
    private final ServiceClient client;
    private final int threads;

    LoadDriver(ServiceClient client, int threads) {
        this.client = client;
        this.threads = threads;
    }

    /** Sends {@code requests} requests and returns their latencies; fails on the first failed request. */
    Latencies run(int requests) throws ScenarioException {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<ScenarioException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> work(nanos, next, failure)));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new ScenarioException("load: a client thread failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("load: interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Latencies(nanos);
    }

    private void work(long[] nanos, AtomicInteger next, AtomicReference<ScenarioException> failure) {
        long lastOrder = 0;
        for (int i = next.getAndIncrement(); i < nanos.length && failure.get() == null; i = next.getAndIncrement()) {
            long start = System.nanoTime();
            try {
                if (i % 4 == 3 && lastOrder > 0) {
                    client.expect(200, "GET", "/orders/" + lastOrder, null);
                } else {
                    lastOrder = orderId(client.expect(201, "POST", "/orders", order(i)));
                }
            } catch (ScenarioException e) {
                failure.compareAndSet(null, new ScenarioException("load: request " + i + " failed: " + e.getMessage(), e));
            }
            nanos[i] = System.nanoTime() - start; // each index written by one thread, read after get()
        }
    }

    /** A valid order that differs from request to request, so the service cannot cache anything. */
    static String order(int i) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("customer", "customer" + (i % 97));
        order.put("sku", String.format("SKU-%04d", i % 10_000));
        order.put("quantity", 1 + i % 9);
        order.put("unitPriceCents", 100 + i % 5000);
        return FlatJson.format(order);
    }

    private static long orderId(String json) throws ScenarioException {
        try {
            return Long.parseLong(FlatJson.parse(json).get("id"));
        } catch (RuntimeException e) {
            throw new ScenarioException("load: the service answered an order without a numeric id: " + json.strip(), e);
        }
    }
}
