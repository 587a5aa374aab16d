/**
 * The VOS Bench workbench project model (EMF, generated from {@code model/vosbench.ecore}):
 * a {@link org.vosbench.model.VosProject} holds the datasets a team works on with each
 * sequence's review state, the propagation runs made on them and the evaluations of those
 * runs. Create objects with {@link org.vosbench.model.VosBenchFactory#eINSTANCE}; load and save
 * projects with {@link org.vosbench.model.store.ProjectStore}.
 */
package org.vosbench.model;
