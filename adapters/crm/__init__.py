"""Data in from CRMs: CSV exports of Salesforce, HubSpot and Pipedrive, or any CSV."""
