/**
 * The VOS Bench RCP application: application, workbench advisors, perspective, the project explorer
 * over the EMF project ({@link org.vosbench.app.ProjectSession}), the preference page and branding.
 */
package org.vosbench.app;
