package de.ikoe.lotse.handoff;

/** What the person told the intake; each answer may be null when skipped. */
public record Intake(String organisation, String region, String concern) {

    public static final Intake EMPTY = new Intake(null, null, null);
}
