/**
 * Training STCN on DJL's autograd, as the official STCN training code does: the three-frame
 * step, the bootstrapped cross-entropy, PyTorch's Adam and MultiStepLR, and the replay of
 * recorded official steps for parity.
 */
package org.vosbench.train;
