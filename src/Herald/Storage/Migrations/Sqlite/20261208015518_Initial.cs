using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite;

/// <inheritdoc />
public partial class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Audit",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Actor = table.Column<string>(type: "TEXT", nullable: false),
                Action = table.Column<string>(type: "TEXT", nullable: false),
                Subject = table.Column<string>(type: "TEXT", nullable: false),
                Detail = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Audit", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CallTasks",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Phone = table.Column<string>(type: "TEXT", nullable: false),
                RecipientName = table.Column<string>(type: "TEXT", nullable: true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                Template = table.Column<string>(type: "TEXT", nullable: false),
                AssetCount = table.Column<int>(type: "INTEGER", nullable: false),
                ScriptNl = table.Column<string>(type: "TEXT", nullable: false),
                ScriptEn = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Outcome = table.Column<string>(type: "TEXT", nullable: true),
                Note = table.Column<string>(type: "TEXT", nullable: true),
                RecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                RecordedBy = table.Column<string>(type: "TEXT", nullable: true),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CallTasks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Cases",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Key = table.Column<string>(type: "TEXT", nullable: false),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                RecipientEmail = table.Column<string>(type: "TEXT", nullable: false),
                Asset = table.Column<string>(type: "TEXT", nullable: false),
                Issue = table.Column<string>(type: "TEXT", nullable: false),
                ReportType = table.Column<string>(type: "TEXT", nullable: true),
                Asn = table.Column<long>(type: "INTEGER", nullable: true),
                Status = table.Column<string>(type: "TEXT", nullable: false),
                OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                SeenCount = table.Column<int>(type: "INTEGER", nullable: false),
                CleanReports = table.Column<int>(type: "INTEGER", nullable: false),
                LastReportId = table.Column<long>(type: "INTEGER", nullable: false),
                NotificationId = table.Column<long>(type: "INTEGER", nullable: false),
                Reference = table.Column<string>(type: "TEXT", nullable: false),
                ReminderNotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                EscalationNotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cases", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CollectedItems",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Collector = table.Column<string>(type: "TEXT", nullable: false),
                ExternalId = table.Column<string>(type: "TEXT", nullable: false),
                FileName = table.Column<string>(type: "TEXT", nullable: true),
                CollectedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CollectedItems", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CollectorStates",
            columns: table => new
            {
                Name = table.Column<string>(type: "TEXT", nullable: false),
                LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                LastError = table.Column<string>(type: "TEXT", nullable: true),
                ETag = table.Column<string>(type: "TEXT", nullable: true),
                LastModified = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CollectorStates", x => x.Name);
            });

        migrationBuilder.CreateTable(
            name: "ContactBounces",
            columns: table => new
            {
                Address = table.Column<string>(type: "TEXT", nullable: false),
                Reason = table.Column<string>(type: "TEXT", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ContactBounces", x => x.Address);
            });

        migrationBuilder.CreateTable(
            name: "DeliveryAttempts",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                NotificationId = table.Column<long>(type: "INTEGER", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Channel = table.Column<string>(type: "TEXT", nullable: false),
                Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                Recipient = table.Column<string>(type: "TEXT", nullable: true),
                ReplyCode = table.Column<int>(type: "INTEGER", nullable: true),
                Detail = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeliveryAttempts", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Directives",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                EventId = table.Column<long>(type: "INTEGER", nullable: false),
                ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                Route = table.Column<string>(type: "TEXT", nullable: false),
                RecipientEmail = table.Column<string>(type: "TEXT", nullable: true),
                RecipientName = table.Column<string>(type: "TEXT", nullable: true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                PartnerCode = table.Column<string>(type: "TEXT", nullable: true),
                Template = table.Column<string>(type: "TEXT", nullable: false),
                AggregationKey = table.Column<string>(type: "TEXT", nullable: false),
                Reasons = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                NotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                RecipientPhone = table.Column<string>(type: "TEXT", nullable: true),
                Contacts = table.Column<string>(type: "TEXT", nullable: true),
                CallTaskId = table.Column<long>(type: "INTEGER", nullable: true),
                RuleSetVersion = table.Column<string>(type: "TEXT", nullable: true),
                FiredRules = table.Column<string>(type: "TEXT", nullable: true),
                Severity = table.Column<string>(type: "TEXT", nullable: true),
                Priority = table.Column<string>(type: "TEXT", nullable: true),
                Interval = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                ProposedRoute = table.Column<string>(type: "TEXT", nullable: true),
                Suppression = table.Column<string>(type: "TEXT", nullable: true),
                HeldBy = table.Column<string>(type: "TEXT", nullable: true),
                HeldByAuthor = table.Column<string>(type: "TEXT", nullable: true),
                NotBefore = table.Column<long>(type: "INTEGER", nullable: true),
                ReviewItemId = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Directives", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DiscoveredContacts",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Subject = table.Column<string>(type: "TEXT", nullable: false),
                Address = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Source = table.Column<string>(type: "TEXT", nullable: false),
                Origin = table.Column<string>(type: "TEXT", nullable: false),
                VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DiscoveredContacts", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Events",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                Line = table.Column<long>(type: "INTEGER", nullable: false),
                TimeSource = table.Column<long>(type: "INTEGER", nullable: true),
                FeedName = table.Column<string>(type: "TEXT", nullable: true),
                ClassificationTaxonomy = table.Column<string>(type: "TEXT", nullable: true),
                ClassificationType = table.Column<string>(type: "TEXT", nullable: true),
                ClassificationIdentifier = table.Column<string>(type: "TEXT", nullable: true),
                SourceIp = table.Column<string>(type: "TEXT", nullable: true),
                SourcePort = table.Column<int>(type: "INTEGER", nullable: true),
                SourceAsn = table.Column<long>(type: "INTEGER", nullable: true),
                HostName = table.Column<string>(type: "TEXT", nullable: true),
                CountryCode = table.Column<string>(type: "TEXT", nullable: true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                Json = table.Column<string>(type: "TEXT", nullable: false),
                Raw = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Events", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "InboundMail",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                MessageId = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                NotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                From = table.Column<string>(type: "TEXT", nullable: false),
                Subject = table.Column<string>(type: "TEXT", nullable: false),
                Text = table.Column<string>(type: "TEXT", nullable: false),
                ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Detail = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InboundMail", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Inhibitions",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Condition = table.Column<string>(type: "TEXT", nullable: false),
                Reason = table.Column<string>(type: "TEXT", nullable: false),
                Owner = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                Hold = table.Column<bool>(type: "INTEGER", nullable: false),
                RemovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                RemovedBy = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Inhibitions", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "NetworkOwners",
            columns: table => new
            {
                Asn = table.Column<long>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                AbuseEmail = table.Column<string>(type: "TEXT", nullable: false),
                Origin = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NetworkOwners", x => x.Asn);
            });

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Reference = table.Column<string>(type: "TEXT", nullable: false),
                VerificationCode = table.Column<string>(type: "TEXT", nullable: false),
                Route = table.Column<string>(type: "TEXT", nullable: false),
                RecipientEmail = table.Column<string>(type: "TEXT", nullable: false),
                RecipientName = table.Column<string>(type: "TEXT", nullable: true),
                PartnerCode = table.Column<string>(type: "TEXT", nullable: true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                Subject = table.Column<string>(type: "TEXT", nullable: false),
                BodyText = table.Column<string>(type: "TEXT", nullable: false),
                BodyHtml = table.Column<string>(type: "TEXT", nullable: true),
                Languages = table.Column<string>(type: "TEXT", nullable: false),
                AssetsAttached = table.Column<bool>(type: "INTEGER", nullable: false),
                AssetCount = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Status = table.Column<string>(type: "TEXT", nullable: false),
                DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                MessageId = table.Column<string>(type: "TEXT", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                LeaseOwner = table.Column<string>(type: "TEXT", nullable: true),
                LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                FailureReason = table.Column<string>(type: "TEXT", nullable: true),
                SoftBounces = table.Column<int>(type: "INTEGER", nullable: false),
                FollowUpOf = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Organisations",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                KvkNumber = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Sector = table.Column<string>(type: "TEXT", nullable: true),
                Vital = table.Column<bool>(type: "INTEGER", nullable: false),
                PartnerCode = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Organisations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "PartnerForwards",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                NotificationId = table.Column<long>(type: "INTEGER", nullable: false),
                PartnerCode = table.Column<string>(type: "TEXT", nullable: false),
                Channel = table.Column<string>(type: "TEXT", nullable: false),
                Format = table.Column<string>(type: "TEXT", nullable: false),
                Endpoint = table.Column<string>(type: "TEXT", nullable: true),
                CaseCount = table.Column<int>(type: "INTEGER", nullable: false),
                CaseKey = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PartnerForwards", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Partners",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Code = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Email = table.Column<string>(type: "TEXT", nullable: false),
                Channel = table.Column<string>(type: "TEXT", nullable: false),
                Endpoint = table.Column<string>(type: "TEXT", nullable: true),
                Format = table.Column<string>(type: "TEXT", nullable: false),
                Sectors = table.Column<string>(type: "TEXT", nullable: true),
                Asns = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Partners", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Rejections",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                Line = table.Column<long>(type: "INTEGER", nullable: false),
                Raw = table.Column<string>(type: "TEXT", nullable: false),
                Reason = table.Column<string>(type: "TEXT", nullable: false),
                Correction = table.Column<string>(type: "TEXT", nullable: true),
                CorrectedBy = table.Column<string>(type: "TEXT", nullable: true),
                CorrectedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolvedBy = table.Column<string>(type: "TEXT", nullable: true),
                ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                EventId = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Rejections", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ReportReadings",
            columns: table => new
            {
                ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                Format = table.Column<string>(type: "TEXT", nullable: false),
                Mapping = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportReadings", x => x.ReportId);
            });

        migrationBuilder.CreateTable(
            name: "Reports",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                SourceName = table.Column<string>(type: "TEXT", nullable: false),
                FileName = table.Column<string>(type: "TEXT", nullable: false),
                ReportType = table.Column<string>(type: "TEXT", nullable: true),
                ContentHash = table.Column<string>(type: "TEXT", nullable: false),
                Size = table.Column<long>(type: "INTEGER", nullable: false),
                ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Status = table.Column<string>(type: "TEXT", nullable: false),
                ParsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                RejectionCount = table.Column<int>(type: "INTEGER", nullable: false),
                CasesObservedAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reports", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ReviewItems",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                ProposedRoute = table.Column<string>(type: "TEXT", nullable: true),
                RecipientEmail = table.Column<string>(type: "TEXT", nullable: true),
                RecipientName = table.Column<string>(type: "TEXT", nullable: true),
                PartnerCode = table.Column<string>(type: "TEXT", nullable: true),
                HeldBy = table.Column<string>(type: "TEXT", nullable: false),
                HeldByAuthor = table.Column<string>(type: "TEXT", nullable: true),
                Reasons = table.Column<string>(type: "TEXT", nullable: false),
                DirectiveCount = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                State = table.Column<string>(type: "TEXT", nullable: false),
                DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                DecisionReason = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewItems", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "RipeAutNums",
            columns: table => new
            {
                Asn = table.Column<long>(type: "INTEGER", nullable: false),
                AsName = table.Column<string>(type: "TEXT", nullable: true),
                AbuseC = table.Column<string>(type: "TEXT", nullable: true),
                Org = table.Column<string>(type: "TEXT", nullable: true),
                AbuseMailbox = table.Column<string>(type: "TEXT", nullable: true),
                Origin = table.Column<string>(type: "TEXT", nullable: false),
                ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RipeAutNums", x => x.Asn);
            });

        migrationBuilder.CreateTable(
            name: "RipeNetworks",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Start = table.Column<string>(type: "TEXT", nullable: false),
                End = table.Column<string>(type: "TEXT", nullable: false),
                Size = table.Column<string>(type: "TEXT", nullable: false),
                Range = table.Column<string>(type: "TEXT", nullable: false),
                NetName = table.Column<string>(type: "TEXT", nullable: true),
                AbuseC = table.Column<string>(type: "TEXT", nullable: true),
                Org = table.Column<string>(type: "TEXT", nullable: true),
                AbuseMailbox = table.Column<string>(type: "TEXT", nullable: true),
                Origin = table.Column<string>(type: "TEXT", nullable: false),
                ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RipeNetworks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "RipeOrganisations",
            columns: table => new
            {
                Handle = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: true),
                AbuseC = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RipeOrganisations", x => x.Handle);
            });

        migrationBuilder.CreateTable(
            name: "RipeRoles",
            columns: table => new
            {
                Handle = table.Column<string>(type: "TEXT", nullable: false),
                AbuseMailbox = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RipeRoles", x => x.Handle);
            });

        migrationBuilder.CreateTable(
            name: "RuleSetRevisions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Hash = table.Column<string>(type: "TEXT", nullable: false),
                Files = table.Column<string>(type: "TEXT", nullable: false),
                Content = table.Column<string>(type: "TEXT", nullable: false),
                LoadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                LoadedBy = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RuleSetRevisions", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Sightings",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OrganisationKey = table.Column<string>(type: "TEXT", nullable: false),
                Asset = table.Column<string>(type: "TEXT", nullable: false),
                Issue = table.Column<string>(type: "TEXT", nullable: false),
                FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastWarnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                WarnedCount = table.Column<int>(type: "INTEGER", nullable: false),
                SuppressedCount = table.Column<int>(type: "INTEGER", nullable: false),
                LastSuppression = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sightings", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Sources",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Format = table.Column<string>(type: "TEXT", nullable: false),
                Mapping = table.Column<string>(type: "TEXT", nullable: true),
                ReportType = table.Column<string>(type: "TEXT", nullable: true),
                Reliability = table.Column<string>(type: "TEXT", nullable: false),
                RequiredFields = table.Column<string>(type: "TEXT", nullable: false),
                MaxAge = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                MinConstituencyShare = table.Column<double>(type: "REAL", nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sources", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Contacts",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: false),
                Email = table.Column<string>(type: "TEXT", nullable: true),
                Phone = table.Column<string>(type: "TEXT", nullable: true),
                Languages = table.Column<string>(type: "TEXT", nullable: false),
                Origin = table.Column<string>(type: "TEXT", nullable: false),
                VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Contacts", x => x.Id);
                table.ForeignKey(
                    name: "FK_Contacts_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: "Organisations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OrganisationAssets",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OrganisationId = table.Column<long>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Value = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganisationAssets", x => x.Id);
                table.ForeignKey(
                    name: "FK_OrganisationAssets_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: "Organisations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SourceKeys",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                KeyId = table.Column<string>(type: "TEXT", nullable: false),
                SourceId = table.Column<long>(type: "INTEGER", nullable: false),
                Hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SourceKeys", x => x.Id);
                table.ForeignKey(
                    name: "FK_SourceKeys_Sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "Sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Cases_Asset_Issue",
            table: "Cases",
            columns: new[] { "Asset", "Issue" });

        migrationBuilder.CreateIndex(
            name: "IX_Cases_Key",
            table: "Cases",
            column: "Key",
            unique: true,
            filter: "\"Status\" <> 'Resolved'");

        migrationBuilder.CreateIndex(
            name: "IX_Cases_NotificationId",
            table: "Cases",
            column: "NotificationId");

        migrationBuilder.CreateIndex(
            name: "IX_Cases_Status_ReportType",
            table: "Cases",
            columns: new[] { "Status", "ReportType" });

        migrationBuilder.CreateIndex(
            name: "IX_CollectedItems_Collector_ExternalId",
            table: "CollectedItems",
            columns: new[] { "Collector", "ExternalId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Contacts_OrganisationId",
            table: "Contacts",
            column: "OrganisationId");

        migrationBuilder.CreateIndex(
            name: "IX_DeliveryAttempts_NotificationId",
            table: "DeliveryAttempts",
            column: "NotificationId");

        migrationBuilder.CreateIndex(
            name: "IX_Directives_EventId",
            table: "Directives",
            column: "EventId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Directives_NotificationId_Route_RecipientEmail",
            table: "Directives",
            columns: new[] { "NotificationId", "Route", "RecipientEmail" });

        migrationBuilder.CreateIndex(
            name: "IX_Directives_RecipientPhone_Template",
            table: "Directives",
            columns: new[] { "RecipientPhone", "Template" },
            filter: "\"RecipientPhone\" IS NOT NULL");

        migrationBuilder.CreateIndex(
            name: "IX_DiscoveredContacts_Subject_Source_Address",
            table: "DiscoveredContacts",
            columns: new[] { "Subject", "Source", "Address" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Events_ReportId_Line",
            table: "Events",
            columns: new[] { "ReportId", "Line" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_InboundMail_MessageId",
            table: "InboundMail",
            column: "MessageId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_InboundMail_NotificationId",
            table: "InboundMail",
            column: "NotificationId");

        migrationBuilder.CreateIndex(
            name: "IX_Inhibitions_ExpiresAt",
            table: "Inhibitions",
            column: "ExpiresAt");

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_Reference",
            table: "Notifications",
            column: "Reference",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_Status",
            table: "Notifications",
            column: "Status");

        migrationBuilder.CreateIndex(
            name: "IX_OrganisationAssets_OrganisationId",
            table: "OrganisationAssets",
            column: "OrganisationId");

        migrationBuilder.CreateIndex(
            name: "IX_Organisations_KvkNumber",
            table: "Organisations",
            column: "KvkNumber",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_PartnerForwards_CaseKey",
            table: "PartnerForwards",
            column: "CaseKey",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_PartnerForwards_NotificationId",
            table: "PartnerForwards",
            column: "NotificationId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Partners_Code",
            table: "Partners",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Rejections_ReportId_Line",
            table: "Rejections",
            columns: new[] { "ReportId", "Line" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Reports_ContentHash",
            table: "Reports",
            column: "ContentHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ReviewItems_State",
            table: "ReviewItems",
            column: "State");

        migrationBuilder.CreateIndex(
            name: "IX_RipeNetworks_Start_End",
            table: "RipeNetworks",
            columns: new[] { "Start", "End" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_RuleSetRevisions_Hash",
            table: "RuleSetRevisions",
            column: "Hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Sightings_LastWarnedAt",
            table: "Sightings",
            column: "LastWarnedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Sightings_OrganisationKey_Asset_Issue",
            table: "Sightings",
            columns: new[] { "OrganisationKey", "Asset", "Issue" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SourceKeys_KeyId",
            table: "SourceKeys",
            column: "KeyId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SourceKeys_SourceId",
            table: "SourceKeys",
            column: "SourceId");

        migrationBuilder.CreateIndex(
            name: "IX_Sources_Name",
            table: "Sources",
            column: "Name",
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "Audit");

        migrationBuilder.DropTable(
            name: "CallTasks");

        migrationBuilder.DropTable(
            name: "Cases");

        migrationBuilder.DropTable(
            name: "CollectedItems");

        migrationBuilder.DropTable(
            name: "CollectorStates");

        migrationBuilder.DropTable(
            name: "ContactBounces");

        migrationBuilder.DropTable(
            name: "Contacts");

        migrationBuilder.DropTable(
            name: "DeliveryAttempts");

        migrationBuilder.DropTable(
            name: "Directives");

        migrationBuilder.DropTable(
            name: "DiscoveredContacts");

        migrationBuilder.DropTable(
            name: "Events");

        migrationBuilder.DropTable(
            name: "InboundMail");

        migrationBuilder.DropTable(
            name: "Inhibitions");

        migrationBuilder.DropTable(
            name: "NetworkOwners");

        migrationBuilder.DropTable(
            name: "Notifications");

        migrationBuilder.DropTable(
            name: "OrganisationAssets");

        migrationBuilder.DropTable(
            name: "PartnerForwards");

        migrationBuilder.DropTable(
            name: "Partners");

        migrationBuilder.DropTable(
            name: "Rejections");

        migrationBuilder.DropTable(
            name: "ReportReadings");

        migrationBuilder.DropTable(
            name: "Reports");

        migrationBuilder.DropTable(
            name: "ReviewItems");

        migrationBuilder.DropTable(
            name: "RipeAutNums");

        migrationBuilder.DropTable(
            name: "RipeNetworks");

        migrationBuilder.DropTable(
            name: "RipeOrganisations");

        migrationBuilder.DropTable(
            name: "RipeRoles");

        migrationBuilder.DropTable(
            name: "RuleSetRevisions");

        migrationBuilder.DropTable(
            name: "Sightings");

        migrationBuilder.DropTable(
            name: "SourceKeys");

        migrationBuilder.DropTable(
            name: "Organisations");

        migrationBuilder.DropTable(
            name: "Sources");
    }
}
