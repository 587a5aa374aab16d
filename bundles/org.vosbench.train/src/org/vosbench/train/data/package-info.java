/**
 * Training data: the official STCN datasets' sampling and augmentation, over the dataset formats
 * extension point.
 * <ul>
 * <li>{@link org.vosbench.train.data.TrainingData#open TrainingData.open(registry, specs, size, stage)}:
 * the {@code --dataset} folders of a stage ({@link org.vosbench.train.data.DatasetSpec}: root, format
 * or detected, options, repeat, skip divisor, sampler variant), each opened as every command opens a
 * dataset and mixed as the official {@code train.py} mixes them
 * ({@link org.vosbench.train.data.MixSource}: DAVIS x5 with YouTube-VOS, BIG/HRSOD x5 in stage 0).</li>
 * <li>{@link org.vosbench.train.data.TrainingData#project TrainingData.project(registry, file, size)}:
 * a project's Reviewed and Approved sequences ({@link org.vosbench.train.data.ProjectData}).</li>
 * <li>{@link org.vosbench.train.data.VosSource}: {@code VOSDataset} (and its BL30K setting);
 * {@link org.vosbench.train.data.StaticSource}: {@code StaticTransformDataset}.</li>
 * </ul>
 * Every source is immutable and thread-safe: a loop may draw a batch's samples on several threads,
 * each with its own generator (the official loader uses worker processes). A sample costs about as
 * much as the official one ({@code bench/train-data.sh}). Bad input is refused when a source is
 * opened, with one {@link org.vosbench.core.InvalidInputException} naming the file or sequence (every
 * frame and mask is probed: present, readable, JPEG/PNG header and end intact); a file that still
 * fails to decode while sampling is thrown as an {@link java.io.UncheckedIOException} whose cause is
 * that exception.
 * <p>
 * The transforms follow torchvision 0.14 on PIL images, checked against it
 * ({@code TransformParityTest}); the random draws are the caller's {@code RandomGenerator}'s, so the
 * samples are not the official code's numbers, only its distributions (compared by
 * {@code bench/train-data.sh}).
 */
package org.vosbench.train.data;
