/**
 * What the test fragments share: the project's shared test data ({@code ../shared} beside the
 * repository) and OSGi service lookup. Only test fragments use this bundle; the product never
 * contains it.
 */
package org.vosbench.testing;
