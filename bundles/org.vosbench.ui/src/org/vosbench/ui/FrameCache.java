package org.vosbench.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Least-recently-used cache of decoded frames with prefetch, so that scrubbing shows the next frames
 * without waiting for JPEG decoding. Frames are loaded by a {@link Loader} on one daemon thread;
 * {@link #get} loads on the caller's thread when the frame is neither cached nor being prefetched.
 *
 * @param <T> decoded frame type, e.g. {@link org.vosbench.core.RgbImage}
 */
public final class FrameCache<T> implements AutoCloseable {

    /** Decodes frame {@code index}; thrown exceptions surface from {@link #get}. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(int index) throws Exception;
    }

    private final Loader<T> loader;
    private final int frameCount;
    private final int capacity;
    private final Map<Integer, Future<T>> entries;
    private final ExecutorService prefetcher;
    private int hits;
    private int misses;

    /**
     * @param capacity frames kept; a 480p RGB frame is 1.2 MB, so 64 frames are ~80 MB
     */
    public FrameCache(int frameCount, int capacity, Loader<T> loader) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Capacity must be at least 1: " + capacity);
        }
        this.loader = loader;
        this.frameCount = frameCount;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Future<T>> eldest) {
                return size() > FrameCache.this.capacity;
            }
        };
        this.prefetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "VOS Bench frame prefetch");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public int frameCount() {
        return frameCount;
    }

    /** The decoded frame, from the cache when possible. */
    public T get(int index) throws Exception {
        checkIndex(index);
        Future<T> future;
        boolean loadHere = false;
        CompletableFuture<T> own = null;
        synchronized (entries) {
            future = entries.get(index);
            if (future == null) {
                own = new CompletableFuture<>();
                entries.put(index, own);
                future = own;
                loadHere = true;
                misses++;
            } else {
                hits++;
            }
        }
        if (loadHere) {
            try {
                own.complete(loader.load(index));
            } catch (Exception | Error e) {
                own.completeExceptionally(e);
                synchronized (entries) {
                    entries.remove(index, own);
                }
            }
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            synchronized (entries) {
                entries.remove(index, future);
            }
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Queue the {@code count} frames after {@code index} in {@code direction} (+1 or -1) for loading,
     * nearest first, without displacing more than half of the cache.
     */
    public void prefetch(int index, int direction, int count) {
        int n = Math.min(count, capacity / 2);
        for (int k = 1; k <= n; k++) {
            int i = index + k * direction;
            if (i < 0 || i >= frameCount) {
                break;
            }
            synchronized (entries) {
                if (entries.containsKey(i) || prefetcher.isShutdown()) {
                    continue;
                }
                CompletableFuture<T> future = new CompletableFuture<>();
                entries.put(i, future);
                prefetcher.execute(() -> {
                    try {
                        future.complete(loader.load(i));
                    } catch (Exception | Error e) {
                        future.completeExceptionally(e);
                    }
                });
            }
        }
    }

    /** Forget a frame, e.g. after its file changed. */
    public void invalidate(int index) {
        synchronized (entries) {
            entries.remove(index);
        }
    }

    public boolean isCached(int index) {
        synchronized (entries) {
            Future<T> f = entries.get(index);
            return f != null && f.isDone();
        }
    }

    /** Requests answered from the cache (including frames being prefetched) and requests loaded on demand. */
    public int[] hitsAndMisses() {
        synchronized (entries) {
            return new int[] {hits, misses};
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= frameCount) {
            throw new IndexOutOfBoundsException("Frame " + index + " outside 0.." + (frameCount - 1));
        }
    }

    @Override
    public void close() {
        prefetcher.shutdownNow();
    }
}
