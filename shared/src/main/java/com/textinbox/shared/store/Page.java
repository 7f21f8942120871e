package com.textinbox.shared.store;

import java.util.List;

/** One page of a list and the opaque cursor of the next (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {}
