/** The BL30K dataset format: a descriptor over the generic folder reader. */
package org.vosbench.dataset.bl30k.internal;
