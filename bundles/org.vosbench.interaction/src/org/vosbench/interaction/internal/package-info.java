/** The registry and service components and MiVOS's multi-object aggregation. */
package org.vosbench.interaction.internal;
