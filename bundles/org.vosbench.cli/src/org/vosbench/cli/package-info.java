/**
 * The headless {@code vosbench} command: an Equinox application ({@code org.vosbench.cli.app})
 * whose sub-commands drive the same services as the workbench (datasets, evaluation,
 * propagation, the project model).
 */
package org.vosbench.cli;
