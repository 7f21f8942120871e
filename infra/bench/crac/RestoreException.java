package benchcrac;

/** See {@link Resource}. */
public class RestoreException extends Exception {}
