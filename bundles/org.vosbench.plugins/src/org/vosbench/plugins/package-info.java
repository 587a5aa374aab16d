/**
 * Plugins from outside the installation: bundles a lab builds on its own (see
 * {@link org.vosbench.plugins.PluginManager#newProject}) and adds to an installed VOS Bench
 * without rebuilding it. The command line, the workbench and the Spark executors use the same
 * {@link org.vosbench.plugins.PluginManager} service and the same plugin folder.
 */
package org.vosbench.plugins;
