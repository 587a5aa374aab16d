/**
 * The one generic folder reader that every dataset format describes, after Cutie's single
 * {@code VOSTestDataset} plus a per-dataset table of folders: a format builds a
 * {@link org.vosbench.dataset.layout.FolderLayout} (where the frames and masks are, which
 * sequences the split names, which masks are given as input, where the object ids come from,
 * which frames are written and where) and {@link org.vosbench.dataset.layout.FolderReader} turns
 * it into a {@link org.vosbench.dataset.Dataset} by listing folders, never decoding an image.
 *
 * <p>For format bundles, including third-party ones contributing to
 * {@code org.vosbench.dataset.formats}.
 */
package org.vosbench.dataset.layout;
