package benchcrac;

/** See {@link Resource}. */
public class CheckpointException extends Exception {}
