/**
 * Implementation of the engine: the registry and propagation services, the session, memory,
 * the top-k memory read, soft aggregation and the L2 similarity. Not API.
 */
package org.vosbench.engine.internal;
