/** Classes the tests pack into plugin jars built at test time. */
package org.vosbench.plugins.testplugin;
