package com.textinbox.shared.api;

/** The code behind one method + resource of the API. */
@FunctionalInterface
public interface Route {
  ApiResponse handle(ApiRequest request);
}
