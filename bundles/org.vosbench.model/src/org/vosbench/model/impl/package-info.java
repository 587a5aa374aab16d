/**
 * EMF-generated implementation classes of the project model; internal, use the interfaces in
 * {@link org.vosbench.model} and {@link org.vosbench.model.VosBenchFactory}.
 */
package org.vosbench.model.impl;
