/** The extension-registry-backed {@link org.vosbench.dataset.DatasetFormatRegistry} service. */
package org.vosbench.dataset.internal;
