package org.vosbench.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything that configures a propagation session. Defaults are STCN's evaluation settings.
 *
 * @param backboneId backbone extension id ({@code stcn}, {@code weightfree}, ...)
 * @param weights weights file, empty for a backbone that needs none
 * @param similarityId similarity extension id ({@code l2} default, {@code dot})
 * @param topK top-k of the memory read (STCN: 20)
 * @param memEvery memory frame interval (STCN: 5)
 * @param includeLast whether the last propagated frame is temporary memory (STCN: false)
 * @param memoryKind STCN's policy (unbounded) or the bounded one
 * @param maxMemoryFrames for {@code bounded}: propagated frames kept besides annotated ones
 * @param device where the network runs
 */
public record SessionSettings(String backboneId, Optional<Path> weights, String similarityId, int topK,
        int memEvery, boolean includeLast, MemoryPolicy.Kind memoryKind, int maxMemoryFrames, EngineDevice device) {

    /** Default top-k (STCN). */
    public static final int DEFAULT_TOP_K = 20;
    /** Default memory interval (STCN). */
    public static final int DEFAULT_MEM_EVERY = 5;
    /** Default bound of the bounded policy. */
    public static final int DEFAULT_MAX_MEMORY_FRAMES = 10;

    /** Validates the fields. */
    public SessionSettings {
        if (backboneId == null || backboneId.isBlank()) {
            throw new IllegalArgumentException("A backbone id must be given");
        }
        weights = weights == null ? Optional.empty() : weights;
        similarityId = similarityId == null ? EngineRegistry.DEFAULT_SIMILARITY : similarityId;
        memoryKind = memoryKind == null ? MemoryPolicy.Kind.STCN : memoryKind;
        device = device == null ? EngineDevice.CPU : device;
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1: " + topK);
        }
        if (memEvery < 1) {
            throw new IllegalArgumentException("mem-every must be at least 1: " + memEvery);
        }
        if (maxMemoryFrames < 1) {
            throw new IllegalArgumentException("max memory frames must be at least 1: " + maxMemoryFrames);
        }
    }

    /**
     * @param backboneId backbone extension id
     * @param weights weights file or {@code null}
     * @return STCN's defaults for that backbone: l2, top-k 20, mem-every 5, no last frame, CPU
     */
    public static SessionSettings defaults(String backboneId, Path weights) {
        return new SessionSettings(backboneId, Optional.ofNullable(weights), EngineRegistry.DEFAULT_SIMILARITY,
                DEFAULT_TOP_K, DEFAULT_MEM_EVERY, false, MemoryPolicy.Kind.STCN, DEFAULT_MAX_MEMORY_FRAMES, EngineDevice.CPU);
    }

    /** @param value similarity id @return a copy with it */
    public SessionSettings withSimilarity(String value) {
        return new SessionSettings(backboneId, weights, value, topK, memEvery, includeLast, memoryKind,
                maxMemoryFrames, device);
    }

    /** @param value top-k @return a copy with it */
    public SessionSettings withTopK(int value) {
        return new SessionSettings(backboneId, weights, similarityId, value, memEvery, includeLast, memoryKind,
                maxMemoryFrames, device);
    }

    /** @param value memory interval @return a copy with it */
    public SessionSettings withMemEvery(int value) {
        return new SessionSettings(backboneId, weights, similarityId, topK, value, includeLast, memoryKind,
                maxMemoryFrames, device);
    }

    /** @param value include-last flag @return a copy with it */
    public SessionSettings withIncludeLast(boolean value) {
        return new SessionSettings(backboneId, weights, similarityId, topK, memEvery, value, memoryKind,
                maxMemoryFrames, device);
    }

    /**
     * @param kind the policy
     * @param maxFrames bound of the bounded policy
     * @return a copy with them
     */
    public SessionSettings withMemoryPolicy(MemoryPolicy.Kind kind, int maxFrames) {
        return new SessionSettings(backboneId, weights, similarityId, topK, memEvery, includeLast, kind,
                maxFrames, device);
    }

    /** @param value device @return a copy with it */
    public SessionSettings withDevice(EngineDevice value) {
        return new SessionSettings(backboneId, weights, similarityId, topK, memEvery, includeLast, memoryKind,
                maxMemoryFrames, value);
    }

    /** @return the memory policy these settings describe */
    public MemoryPolicy memoryPolicy() {
        return switch (memoryKind) {
            case STCN -> MemoryPolicy.stcn(memEvery, includeLast);
            case BOUNDED -> MemoryPolicy.bounded(memEvery, includeLast, maxMemoryFrames);
        };
    }
}
