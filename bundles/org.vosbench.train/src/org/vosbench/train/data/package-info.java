/**
 * Training data: the official STCN datasets' sampling and augmentation, over the dataset
 * formats extension point.
 */
package org.vosbench.train.data;
