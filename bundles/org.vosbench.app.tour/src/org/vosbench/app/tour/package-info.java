/**
 * The docs' screenshot tour: a scripted walk through the workbench that saves a screenshot after each step.
 * Tooling for docs/workbench.md, installed for one run by docs/screenshots.sh; not part of the product.
 */
package org.vosbench.app.tour;
