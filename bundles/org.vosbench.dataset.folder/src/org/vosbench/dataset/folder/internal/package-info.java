/** Generic folders (STCN's eval_generic.py layout, or one folder of frames): a descriptor over the generic folder reader. */
package org.vosbench.dataset.folder.internal;
