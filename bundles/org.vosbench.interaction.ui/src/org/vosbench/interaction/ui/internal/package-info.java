/**
 * The sequence editor's interaction tools (click, box, scribble), their preference page, and the
 * contribution that adds them to every sequence editor.
 */
package org.vosbench.interaction.ui.internal;
