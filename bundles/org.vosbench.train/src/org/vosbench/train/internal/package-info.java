/** Implementation of the training services: loss, optimiser, step, replay. */
package org.vosbench.train.internal;
