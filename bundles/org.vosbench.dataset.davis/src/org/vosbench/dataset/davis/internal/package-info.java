/** The DAVIS 2016/2017 dataset format: a descriptor over the generic folder reader. */
package org.vosbench.dataset.davis.internal;
