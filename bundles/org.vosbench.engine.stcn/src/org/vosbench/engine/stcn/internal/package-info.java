/**
 * STCN (Cheng et al., NeurIPS 2021) on DJL: the PyTorch checkpoint reader, the network with
 * parameter names equal to the official state_dict keys, and the backbone contributed as
 * {@code stcn}. Not API.
 */
package org.vosbench.engine.stcn.internal;
