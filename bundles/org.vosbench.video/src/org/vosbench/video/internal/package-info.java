/** FFmpeg plumbing shared by import and export (native loading, error wording). */
package org.vosbench.video.internal;
