/** Codecs behind {@code org.vosbench.core}: the PNG chunk reader, filter decoder and palette encoder. */
package org.vosbench.core.internal;
