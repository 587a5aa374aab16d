/** The plugin folder kept in step with the running framework, and the plugin project templates. */
package org.vosbench.plugins.internal;
