package de.ikoe.lotse.system;

/**
 * Work that must run on one instance at a time (a poller, a sync loop). A bean of this type is
 * started when its instance becomes the leader and stopped when it stops being the leader; it may
 * be started again later. Both calls return quickly: the work runs on threads of its own.
 */
public interface SingletonWork {

    /** This instance now leads: start the work. */
    void begin();

    /** This instance no longer leads, or stops: end the work; another instance may take it over. */
    void end();
}
