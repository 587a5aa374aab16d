/** The YouTube-VOS 2018/2019 dataset format: a descriptor over the generic folder reader. */
package org.vosbench.dataset.youtubevos.internal;
