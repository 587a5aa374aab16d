/**
 * The scaled dot-product similarity, contributed to {@code org.vosbench.engine.similarities}
 * with the id {@code dot}. Internal: consumers find it through the engine's registry.
 */
package org.vosbench.engine.similarity.dot.internal;
