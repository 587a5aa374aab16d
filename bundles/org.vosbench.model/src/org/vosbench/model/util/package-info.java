/**
 * EMF-generated utilities of the project model: the XMI resource and its factory for
 * {@code .vosbench} files, a switch and an adapter factory over the model's types.
 */
package org.vosbench.model.util;
