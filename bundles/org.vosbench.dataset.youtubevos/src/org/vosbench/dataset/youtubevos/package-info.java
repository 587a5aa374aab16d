/**
 * YouTube-VOS beyond reading the dataset: {@link org.vosbench.dataset.youtubevos.YouTubeVosSubmission}
 * writes the zip the CodaLab server takes, checked against the split's {@code meta.json}.
 */
package org.vosbench.dataset.youtubevos;
