/**
 * Interactive segmentation: a person's clicks, box or scribbles on one frame become one
 * object's probability map through a pluggable {@link org.vosbench.interaction.InteractionModel}
 * (extension point {@code org.vosbench.interaction.models}); the
 * {@link org.vosbench.interaction.InteractionService} checks the input, runs the model per object
 * and aggregates the objects as MiVOS does ({@code aggregate_wbg}). The command line
 * ({@code vosbench interact}) and the workbench's tools call the same service.
 */
package org.vosbench.interaction;
