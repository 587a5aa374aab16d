/**
 * Loading and saving workbench projects ({@code .vosbench} XMI files) without ever losing a
 * person's work: saves are atomic and keep the previous version as a backup. Also the few
 * operations the CLI and the UI share: recording runs and evaluations, review states and their
 * counts, and paths stored relative to the project file.
 */
package org.vosbench.model.store;
