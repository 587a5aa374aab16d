/**
 * The one place that starts DJL and its PyTorch engine: the thread context class loader trick
 * that lets DJL's ServiceLoader and native-library lookup work inside OSGi, the device choice
 * (CPU, or GPU when DJL finds CUDA) and the intra-op thread count. This bundle loads native
 * libraries and must never be refreshed in a running framework. It also holds the PyTorch
 * checkpoint reader ({@code PthReader}) that every network bundle uses.
 */
package org.vosbench.engine.djl;
